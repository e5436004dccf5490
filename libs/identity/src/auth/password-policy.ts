import { ZxcvbnFactory, type DictionaryMatch, type ZxcvbnResult } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary } from '@zxcvbn-ts/language-en';

export const PASSWORD_MAX_LENGTH = 128;

/** The estimator's scores run 0–4; 3 is its "safely unguessable" (about 10^8 guesses and up). */
const MIN_SCORE = 3;

/**
 * Favourites of Chinese users that the estimator's lists rank low or split into harmless parts
 * (我爱你 1314 一生一世, 520 我爱你, 我的密码). Named `passwords-…` so that the estimator
 * words its warnings as for common passwords.
 */
const PASSWORDS_ZH = [
  'woaini',
  'aini',
  '1314',
  '520',
  '5201314',
  '1314520',
  'woaini1314',
  'wodemima',
  'mima',
  'zhongguo',
];
const PASSWORDS_ZH_NAME = 'passwords-zh';

export interface PasswordContext {
  email?: string;
  name?: string;
  orgName?: string;
}

export type PasswordProblemCode =
  | 'too_short'
  | 'too_long'
  | 'mostly_blank'
  | 'too_common'
  | 'contains_email'
  | 'contains_name'
  | 'keyboard_pattern'
  | 'repeated_character'
  | 'sequence'
  | 'date'
  | 'common_word'
  | 'too_guessable';

export interface PasswordProblem {
  code: PasswordProblemCode;
  /** For the person choosing the password. */
  message: string;
}

/** What the estimator may find wrong. */
type GuessableProblemCode = Exclude<PasswordProblemCode, 'too_short' | 'too_long' | 'mostly_blank'>;

const MESSAGES: Record<Exclude<PasswordProblemCode, 'too_short' | 'too_long'>, string> = {
  mostly_blank: '密码大部分是空格，请换成字母、数字、符号或汉字',
  too_common: '密码太常见，很容易被猜到',
  contains_email: '密码包含邮箱名，很容易被猜到',
  contains_name: '密码包含姓名或机构名称，很容易被猜到',
  keyboard_pattern: '密码是键盘上连在一起的按键，很容易被猜到',
  repeated_character: '密码里有成段重复的字符（如 aaa、abcabc），很容易被猜到',
  sequence: '密码里有连续的字符（如 abc、123），很容易被猜到',
  date: '密码里的日期或年份很容易被猜到',
  common_word: '单独一个常见词或姓名很容易被猜到，请再加几个不相关的词',
  too_guessable: '密码太容易被猜到，请加长，或用几个不相关的词加上数字和符号',
};

/** The estimator's warnings (its translation keys) as our problem codes. */
const WARNINGS: Partial<Record<string, GuessableProblemCode>> = {
  straightRow: 'keyboard_pattern',
  keyPattern: 'keyboard_pattern',
  simpleRepeat: 'repeated_character',
  extendedRepeat: 'repeated_character',
  sequences: 'sequence',
  recentYears: 'date',
  dates: 'date',
  topTen: 'too_common',
  topHundred: 'too_common',
  common: 'too_common',
  similarToCommon: 'too_common',
  pwned: 'too_common',
  wordByItself: 'common_word',
  namesByThemselves: 'common_word',
  commonNames: 'common_word',
};

let estimator: ZxcvbnFactory | undefined;

/**
 * zxcvbn with its common and English dictionaries, built on first use (about half a second and
 * 25 MB, once per process). Without translations it answers its warnings as keys, which
 * WARNINGS maps. Its default of 100 l33t substitutions made one check of a long password take
 * over half a second; 10 judges common passwords the same at a fraction of the time.
 */
function strength(password: string, userInputs: string[]): ZxcvbnResult {
  estimator ??= new ZxcvbnFactory({
    dictionary: {
      ...commonDictionary,
      ...englishDictionary,
      [PASSWORDS_ZH_NAME]: PASSWORDS_ZH,
    },
    graphs: adjacencyGraphs,
    maxLength: PASSWORD_MAX_LENGTH,
    l33tMaxSubstitutions: 10,
  });
  return estimator.check(password, userInputs);
}

/**
 * What is wrong with a password, each problem with a code a client can rely on and a message
 * for the person; empty when it passes. Lengths count characters, not bytes, so a Chinese
 * passphrase is judged fairly; spaces count towards the length but cannot make up most of it.
 */
export function passwordProblems(
  password: string,
  minLength: number,
  context: PasswordContext = {},
): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const characters = [...password];
  if (characters.length < minLength) {
    problems.push({ code: 'too_short', message: `密码至少需要 ${minLength} 个字符` });
  }
  if (characters.length > PASSWORD_MAX_LENGTH) {
    // Refused anyway: not worth the estimator's time on a long input.
    problems.push({
      code: 'too_long',
      message: `密码不能超过 ${PASSWORD_MAX_LENGTH} 个字符`,
    });
    return problems;
  }
  const blanks = characters.filter((character) => /\s/u.test(character)).length;
  const trimmed = [...password.trim()].length;
  if (blanks * 2 > characters.length || (characters.length >= minLength && trimmed < minLength)) {
    problems.push({ code: 'mostly_blank', message: MESSAGES.mostly_blank });
  }
  const guessable = guessability(password, context);
  if (guessable) problems.push({ code: guessable, message: MESSAGES[guessable] });
  return problems;
}

/** The estimator's main objection to a password it scores below MIN_SCORE, if it does. */
function guessability(password: string, context: PasswordContext): GuessableProblemCode | null {
  const emailInputs = emailWords(context.email);
  const otherInputs = [context.name, context.orgName].filter(
    (input): input is string => typeof input === 'string' && input.trim().length > 0,
  );
  const result = strength(password, [...emailInputs, ...otherInputs]);
  if (result.score >= MIN_SCORE) return null;
  const dictionaryMatches = result.sequence.filter(
    (match): match is DictionaryMatch => match.pattern === 'dictionary',
  );
  // Named first whatever the estimator's warning: it speaks of the longest part only, and a
  // person's own details are the first thing anyone guessing would try.
  const own = dictionaryMatches.find((match) => match.dictionaryName === 'userInputs');
  if (own) return emailInputs.includes(own.matchedWord) ? 'contains_email' : 'contains_name';
  const code = result.feedback.warning ? WARNINGS[result.feedback.warning] : undefined;
  if (code) return code;
  if (dictionaryMatches.some((match) => match.dictionaryName === PASSWORDS_ZH_NAME)) {
    return 'too_common';
  }
  return 'too_guessable';
}

/** The email, its name part and that name's pieces (zhang.wei → zhang, wei), lowercased. */
function emailWords(email: string | undefined): string[] {
  const normalized = email?.trim().toLowerCase();
  if (!normalized) return [];
  const local = normalized.split('@')[0];
  const pieces = local.split(/[._+-]+/).filter((piece) => piece.length >= 3);
  return [...new Set([normalized, local, ...pieces])];
}
