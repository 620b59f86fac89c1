// A separate process writing to one encrypted secrets file, for the cross-process lock tests:
// argv: path, prefix, count [, delete-account]. Prints "done" when every write has returned.
import { EncryptedFileStore } from '../../../../electron/core/secrets/encrypted-file-store.js';

const [path, prefix, count, toDelete] = process.argv.slice(2);
if (path === undefined || prefix === undefined || count === undefined) {
  throw new Error('usage: file-store-writer PATH PREFIX COUNT [DELETE]');
}
const store = new EncryptedFileStore({
  path,
  scrypt: { N: 2 ** 10, r: 8, p: 1 },
  passphrase: () => Promise.resolve('open sesame'),
});
for (let i = 0; i < Number(count); i++) {
  await store.set(`${prefix}/${i}`, `value-${prefix}-${i}`);
  if (toDelete !== undefined) await store.delete(toDelete);
}
process.stdout.write('done\n');
