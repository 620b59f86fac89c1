// A Node resolve hook (module.register): `electron` imported by packages Node loads itself
// (electron-store) resolves to the shim, not to the npm package that would download a binary.
let shim;

export function initialize(data) {
  shim = data.shim;
}

export function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: shim, shortCircuit: true };
  return next(specifier, context);
}
