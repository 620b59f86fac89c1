import { chmodSync, closeSync, copyFileSync, fstatSync, openSync, readSync } from 'node:fs';
import * as v from 'valibot';
import { InputError, StorageError } from '../errors/index.js';
import { migrate, NewerSettingsError } from './migrations.js';
import type { Profile } from './profile.js';
import {
  emptySettings,
  settingsShape,
  storedProfile,
  type SettingsData,
} from './settings-schema.js';

/** What a person is told when the settings file had to be repaired. */
export interface RecoveryNotice {
  /** The untouched original, kept beside the file. */
  backupPath: string;
  message: string;
  /** Profiles that could not be kept, each with why. */
  dropped: { name: string; reason: string }[];
}

export interface LoadedSettings {
  data: SettingsData;
  /** The file must be rewritten (it was migrated or repaired). */
  rewrite: boolean;
  notice?: RecoveryNotice;
}

function backup(path: string, now: number): string {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const backupPath = `${path}.backup-${stamp}`;
  copyFileSync(path, backupPath);
  chmodSync(backupPath, 0o600); // a copy takes the original's mode, which may be 0644
  return backupPath;
}

function describeIssue(issue: v.BaseIssue<unknown>): string {
  const field = issue.path?.map((item) => String(item.key)).join('.');
  return field ? `"${field}" is missing or invalid` : 'not a profile object';
}

/** Keeps each profile that is valid and unique; returns the others with the reason. */
function salvageProfiles(list: unknown): {
  kept: SettingsData['profiles'];
  dropped: RecoveryNotice['dropped'];
} {
  const kept: SettingsData['profiles'] = [];
  const dropped: RecoveryNotice['dropped'] = [];
  if (!Array.isArray(list)) return { kept, dropped };
  list.forEach((item: unknown, index) => {
    const name =
      item && typeof item === 'object' && typeof (item as { name?: unknown }).name === 'string'
        ? (item as { name: string }).name.slice(0, 64)
        : `#${index + 1}`;
    const parsed = v.safeParse(storedProfile, item);
    if (!parsed.success)
      return void dropped.push({ name, reason: describeIssue(parsed.issues[0]) });
    const profile = parsed.output as Profile;
    if (kept.some((p) => p.id === profile.id))
      return void dropped.push({ name, reason: 'duplicate id' });
    if (kept.some((p) => p.name.toLowerCase() === profile.name.toLowerCase())) {
      return void dropped.push({ name, reason: 'duplicate name' });
    }
    kept.push(profile);
  });
  return { kept, dropped };
}

/** Far more than hundreds of profiles need; a bigger file is not read at all. */
export const MAX_SETTINGS_BYTES = 4 * 1024 * 1024;

/**
 * The file's text, or undefined when there is none. Its size is checked on the open file before
 * reading, so a huge (or endless) file never fills memory; it is left as it is.
 */
export function readSettingsText(path: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.size > MAX_SETTINGS_BYTES) {
      throw new StorageError(
        `The settings file ${path} is ${stats.isFile() ? `${Math.ceil(stats.size / 1024 / 1024)} MiB, far larger than settings can be (${MAX_SETTINGS_BYTES / 1024 / 1024} MiB at most)` : 'not a regular file'}; it was left as it is: move it aside or trim it, then try again`,
        { cause: 'TOO_LARGE' },
      );
    }
    const buffer = Buffer.alloc(stats.size);
    let read = 0;
    while (read < buffer.length) {
      const got = readSync(fd, buffer, read, buffer.length - read, read);
      if (got === 0) break;
      read += got;
    }
    return buffer.subarray(0, read).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * The fast path every read takes: the file as it is when it is whole, current and valid; 'damaged'
 * sends the caller to loadSettings (under the lock) to migrate or repair it.
 */
export function readSettings(path: string): SettingsData | 'damaged' {
  const text = readSettingsText(path);
  if (text === undefined) return emptySettings();
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return 'damaged';
  }
  // Parsed, not just checked: a key the format does not know (a hand-added "password") is dropped.
  const parsed = v.safeParse(settingsShape, raw);
  if (!parsed.success) return 'damaged';
  const data = parsed.output as SettingsData;
  const ids = new Set(data.profiles.map((p) => p.id));
  const names = new Set(data.profiles.map((p) => p.name.toLowerCase()));
  const unique = ids.size === data.profiles.length && names.size === data.profiles.length;
  const defaultKnown = data.defaultProfileId === null || ids.has(data.defaultProfileId);
  return unique && defaultKnown ? data : 'damaged';
}

/**
 * Reads the settings file, migrating older formats and recovering what it can from a damaged or
 * hand-edited one; `lastGood` (what a running app read before) replaces a file that is not JSON.
 * The original is always kept as a timestamped backup before anything changes.
 */
export function loadSettings(path: string, now: number, lastGood?: SettingsData): LoadedSettings {
  const text = readSettingsText(path);
  if (text === undefined) return { data: emptySettings(), rewrite: false };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    const backupPath = backup(path, now);
    if (lastGood) {
      // Broken under a running app (a crash mid-write elsewhere, a bad edit): what it read last wins.
      return {
        data: lastGood,
        rewrite: true,
        notice: {
          backupPath,
          dropped: [],
          message: `The settings file ${path} was damaged (not valid JSON); it was kept as ${backupPath} and restored from the last good copy this app had read (${lastGood.profiles.length} profile(s))`,
        },
      };
    }
    return {
      data: emptySettings(),
      rewrite: true,
      notice: {
        backupPath,
        dropped: [],
        message: `The settings file ${path} was damaged (not valid JSON); it was kept as ${backupPath} and the app started with no profiles`,
      },
    };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) raw = {};
  let migrated: { data: Record<string, unknown>; migrated: boolean };
  try {
    migrated = migrate(raw as Record<string, unknown>);
  } catch (error) {
    if (error instanceof NewerSettingsError) {
      throw new InputError(
        `The settings file ${path} was written by a newer version of ThoughtSpot Session Manager (format ${error.found}); update the app to use it`,
      );
    }
    throw error;
  }
  const { kept, dropped } = salvageProfiles(migrated.data.profiles);
  const requestedDefault = migrated.data.defaultProfileId;
  const defaultProfileId =
    typeof requestedDefault === 'string' && kept.some((p) => p.id === requestedDefault)
      ? requestedDefault
      : null;
  const data: SettingsData = { version: emptySettings().version, profiles: kept, defaultProfileId };
  const damaged =
    dropped.length > 0 ||
    !Array.isArray(migrated.data.profiles) ||
    requestedDefault !== defaultProfileId;
  if (!damaged && !migrated.migrated) return { data, rewrite: false };
  const backupPath = backup(path, now);
  if (!damaged) return { data, rewrite: true };
  const lost = dropped.map((d) => `"${d.name}" (${d.reason})`).join(', ');
  return {
    data,
    rewrite: true,
    notice: {
      backupPath,
      dropped,
      message:
        `The settings file ${path} had entries that could not be used` +
        (lost ? `: ${lost}` : '') +
        `. The original was kept as ${backupPath}; ${kept.length} profile(s) were recovered`,
    },
  };
}
