import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import selfsigned from 'selfsigned';

export interface TestCertificate {
  key: string;
  cert: string;
  /** A PEM file of the certificate, for the plugin's `tls.ca` (no global TLS switch is touched). */
  caFile: string;
}

/** A self-signed certificate for 127.0.0.1 / localhost, made at test time. */
export const makeCertificate = async (): Promise<TestCertificate> => {
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  const caFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'smtp-ca-')), 'ca.pem');
  fs.writeFileSync(caFile, pems.cert);
  return { key: pems.private, cert: pems.cert, caFile };
};
