import { dictionary } from '@zxcvbn-ts/language-common';
import { hash, verify } from '@node-rs/argon2';

// algorithm 2 = Argon2id (the package's const enum cannot be imported under verbatimModuleSyntax).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against a fixed hash when the user does not exist keeps the timing of both failures alike.
let dummyHash: Promise<string> | undefined;
export async function burnVerifyTime(password: string): Promise<void> {
  dummyHash ??= hashPassword('zhaoyin-timing-equalizer');
  await verifyPassword(await dummyHash, password);
}

/** The common-password list (zxcvbn-ts's, ~49,000 passwords seen in breaches), loaded once. */
let common: Set<string> | undefined;
export function isCommonPassword(candidate: string): boolean {
  common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  return common.has(candidate);
}

/** Whether the password is one of the given hashes (the user's last passwords). */
export async function reusesPassword(password: string, hashes: readonly string[]): Promise<boolean> {
  for (const previous of hashes) if (await verifyPassword(previous, password)) return true;
  return false;
}
