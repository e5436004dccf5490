/** Passwords too common to allow whatever their length (the top of public breach lists). */
const COMMON = new Set([
  'password',
  'password1',
  'password123',
  '1234567890',
  '12345678910',
  'qwertyuiop',
  '1q2w3e4r5t',
  'iloveyou',
  'admin12345',
  'abc1234567',
  'a123456789',
  'woaini1314',
  'qwerty123456',
  '11111111111',
  '00000000000',
]);

export interface PasswordContext {
  email?: string;
  name?: string;
}

export const PASSWORD_MAX_LENGTH = 128;

/**
 * What is wrong with a password, as codes a client can show; empty when it passes. Length
 * counts characters, not bytes, so a Chinese passphrase is judged fairly.
 */
export function passwordProblems(
  password: string,
  minLength: number,
  context: PasswordContext = {},
): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < minLength) problems.push('too_short');
  if (length > PASSWORD_MAX_LENGTH) problems.push('too_long');
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 2) problems.push('too_simple');
  if (/^(.)\1*$/u.test(password)) problems.push('repeated_character');
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) problems.push('too_common');
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) problems.push('contains_email');
  return problems;
}
