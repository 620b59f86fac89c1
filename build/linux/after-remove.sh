#!/bin/bash
# deb after-remove: electron-builder's own after-remove template (app-builder-lib
# templates/linux/after-remove.tpl, 26.x, kept whole below), then the `tsm` link the
# after-install made (only if it is still ours) and the node_modules link it made beside the CLI.


# Delete the link to the binary
# update-alternatives --remove <name> <path>: 'path' must be the registered alternative binary,
# not the generic symlink — see https://man7.org/linux/man-pages/man1/update-alternatives.1.html
if type update-alternatives >/dev/null 2>&1; then
    update-alternatives --remove '${executable}' '/opt/${sanitizedProductName}/${executable}'
else
    rm -f '/usr/bin/${executable}'
fi

APPARMOR_PROFILE_DEST='/etc/apparmor.d/${executable}'

# Remove and unload apparmor profile.
if [ -f "$APPARMOR_PROFILE_DEST" ]; then
  # Unload the profile from the running kernel before deleting the file so the
  # policy is not left enforced until the next reboot.  Mirror the chroot guard
  # used in the after-install script — live AppArmor operations are not
  # meaningful inside a chroot.
  # https://wiki.debian.org/AppArmor/HowToUse
  if apparmor_status --enabled > /dev/null 2>&1; then
    if ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
      apparmor_parser --remove "$APPARMOR_PROFILE_DEST" || true
    fi
  fi
  rm -f "$APPARMOR_PROFILE_DEST"
fi

if [ "$(readlink /usr/local/bin/tsm)" = '/opt/${sanitizedProductName}/resources/cli/bin/tsm.cjs' ]; then
    rm -f /usr/local/bin/tsm
fi
rm -f '/opt/${sanitizedProductName}/resources/cli/node_modules'
