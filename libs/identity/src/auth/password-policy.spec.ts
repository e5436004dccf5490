import { passwordProblems } from './password-policy';

describe(passwordProblems.name, () => {
  it('should accept a long password mixing letters and digits', () => {
    expect(passwordProblems('Kejinqiao2026', 10)).toEqual([]);
  });

  it('should accept a long Chinese passphrase with digits', () => {
    expect(passwordProblems('青岛崂山科技金融2026', 10)).toEqual([]);
  });

  it('should refuse a short password', () => {
    expect(passwordProblems('Ab1', 10)).toContain('too_short');
  });

  it('should refuse a password of one character class', () => {
    expect(passwordProblems('abcdefghijkl', 10)).toContain('too_simple');
  });

  it('should refuse a common password', () => {
    expect(passwordProblems('Password123', 10)).toContain('too_common');
  });

  it('should refuse a password holding the email name', () => {
    expect(passwordProblems('zhangwei2026', 10, { email: 'zhangwei@example.cn' })).toContain(
      'contains_email',
    );
  });

  it('should refuse an overlong password', () => {
    expect(passwordProblems(`Aa1${'x'.repeat(200)}`, 10)).toContain('too_long');
  });

  it('should count characters, not bytes', () => {
    expect(passwordProblems('科技金融桥1', 10)).toContain('too_short');
  });
});
