// A throwaway CA and a leaf certificate signed by it, made with the openssl command line in a
// fresh temp dir, so HTTPS tests verify a real chain instead of turning verification off.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const DEFAULT_ALT_NAMES = ['IP:127.0.0.1', 'DNS:localhost', 'IP:::1'];

export interface TlsMaterial {
  caFile: string;
  caPem: string;
  key: string;
  cert: string;
  cleanup(): Promise<void>;
}

/** "IP:x" / "DNS:x", or a bare IP address or host name; only safe characters reach the config. */
export function subjectAltName(names: readonly string[]): string {
  return names
    .map((name) => {
      const typed = /^(IP|DNS):/.test(name) ? name : `${isIP(name) ? 'IP' : 'DNS'}:${name}`;
      if (!/^(IP|DNS):[A-Za-z0-9.:*-]+$/.test(typed)) throw new Error(`bad TLS alt name: ${name}`);
      return typed;
    })
    .join(',');
}

const CA_CONFIG = `[req]
distinguished_name = dn
prompt = no
x509_extensions = v3_ca
[dn]
CN = ThoughtSpot Emulator Test CA
[v3_ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
`;

const LEAF_CONFIG = `[req]
distinguished_name = dn
prompt = no
[dn]
CN = localhost
`;

const leafExtensions = (san: string) => `[leaf]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = ${san}
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;

export async function generateTls(altNames: readonly string[] = DEFAULT_ALT_NAMES) {
  const san = subjectAltName(altNames);
  const dir = await mkdtemp(join(tmpdir(), 'ts-emulator-tls-'));
  const at = (name: string) => join(dir, name);
  // Run inside the temp dir with bare file names, so a temp path with spaces cannot split args.
  const openssl = (args: string) => run('openssl', args.split(' '), { cwd: dir });
  const ec = '-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes';
  const serial = `0x${randomBytes(8).toString('hex')}`;
  try {
    await writeFile(at('ca.cnf'), CA_CONFIG);
    await writeFile(at('leaf.cnf'), LEAF_CONFIG);
    await writeFile(at('leaf-ext.cnf'), leafExtensions(san));
    await openssl(`req -x509 ${ec} -keyout ca.key -out ca.pem -days 2 -sha256 -config ca.cnf`);
    await openssl(`req -new ${ec} -keyout leaf.key -out leaf.csr -config leaf.cnf`);
    await openssl(
      `x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key -set_serial ${serial} -days 2 -sha256 ` +
        '-extfile leaf-ext.cnf -extensions leaf -out leaf.pem',
    );
    const material: TlsMaterial = {
      caFile: at('ca.pem'),
      caPem: await readFile(at('ca.pem'), 'utf8'),
      key: await readFile(at('leaf.key'), 'utf8'),
      cert: await readFile(at('leaf.pem'), 'utf8'),
      cleanup: () => rm(dir, { recursive: true, force: true }),
    };
    // The CA key has done its job; keep only what clients need to trust the server.
    await rm(at('ca.key'), { force: true });
    return material;
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`could not make a TLS certificate with openssl: ${reason}`, { cause: err });
  }
}
