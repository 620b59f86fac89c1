// targetURLPath: where the cluster sends a person after sign-in. Only a path on the cluster
// itself is allowed, so the sign-in pages cannot be used to bounce someone to another site.

/** A path starting with one `/`, printable ASCII, no backslash (browsers read `\` as `/`). */
const ON_CLUSTER = /^\/(?![/\\])[\x21-\x5b\x5d-\x7e]*$/;
const MAX_LENGTH = 2048;

/** The target to go to, or undefined when it is not allowed. A missing one is `/`. */
export function checkTargetPath(value: string | null): string | undefined {
  if (value === null) return '/';
  if (value.length > MAX_LENGTH || !ON_CLUSTER.test(value)) return undefined;
  return value;
}

export const TARGET_NOT_ALLOWED =
  'targetURLPath is not allowed: it must be a path on this cluster, starting with a single "/".';
