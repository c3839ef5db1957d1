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

/** Letters and digits, at least `minLength` characters. */
export function passwordStrongEnough(password: string, minLength: number): boolean {
  return password.length >= minLength && password.length <= 128 && /[A-Za-z]/.test(password) && /\d/.test(password);
}
