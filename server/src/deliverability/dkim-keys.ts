import { generateKeyPairSync } from 'node:crypto';
import type { DkimAlgorithm } from '../../../shared/contracts/deliverability';

/**
 * DKIM key pairs. RSA 2048 (what Gmail, Yahoo and Microsoft verify; nodemailer signs `rsa-sha256`). The
 * public key goes into DNS as `v=DKIM1; k=rsa; p=<base64 SubjectPublicKeyInfo>`; the private key is sealed
 * for its domain and selector (see deliverability/domain-store) and opened only to sign that domain's mail.
 */
export const generateDkimKey = (algorithm: DkimAlgorithm) => {
  const bits = algorithm === 'rsa-2048' ? 2048 : 2048;
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
};

/** The TXT value to publish at `<selector>._domainkey.<domain>`. */
export const dkimRecord = (publicKey: string) => `v=DKIM1; k=rsa; p=${publicKey}`;

/** The public key (`p=`) of a published DKIM record, or null. */
export const publicKeyOf = (record: string) => {
  const tags = Object.fromEntries(
    record
      .split(';')
      .map((tag) => tag.trim().split('='))
      .filter((pair) => pair.length >= 2)
      .map(([name, ...value]) => [name.trim().toLowerCase(), value.join('=').replace(/\s+/g, '')])
  );
  return typeof tags.p === 'string' && tags.p ? tags.p : null;
};

export const dkimName = (selector: string, domain: string) => `${selector}._domainkey.${domain}`;
