// Child process for the caching-store tests: another process writing the same secrets, the way
// `tsm` does (through a StampedSecretStore). Usage: CONFIG_DIR SERVICE ACCOUNT (VALUE | --delete)
import {
  ChangeStamp,
  KeytarStore,
  StampedSecretStore,
} from '../../../../electron/core/secrets/index.js';

const [configDir, service, account, value] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
];
const store = new StampedSecretStore(new KeytarStore({ service }), new ChangeStamp(configDir));
if (value === '--delete') await store.delete(account);
else await store.set(account, value);
