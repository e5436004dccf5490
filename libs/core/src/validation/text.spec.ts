import { IsOptional, IsString } from 'class-validator';
import { AppError } from '../errors/app-error';
import { IS_SINGLE_LINE, normalizeLineBreaks, oneLine, SingleLine } from './text';
import { createValidationPipe } from './validation.pipe';

class TitleDto {
  @SingleLine()
  @IsString()
  title!: string;

  @IsOptional()
  @SingleLine()
  @IsString()
  venue?: string | null;
}

const pipe = createValidationPipe();

function accept(value: Record<string, unknown>): Promise<TitleDto> {
  return pipe.transform(value, { type: 'body', metatype: TitleDto }) as Promise<TitleDto>;
}

async function refusal(value: Record<string, unknown>): Promise<AppError> {
  try {
    await accept(value);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe(SingleLine.name, () => {
  it.each([
    ['CR LF', '路演\r\nX-INJECTED:1'],
    ['LF', '路演\nX'],
    ['CR', '路演\rX'],
    ['VT', '路演\vX'],
    ['FF', '路演\fX'],
    ['NEL (U+0085)', '路演\u0085X'],
    ['LINE SEPARATOR (U+2028)', '路演\u2028X'],
    ['PARAGRAPH SEPARATOR (U+2029)', '路演\u2029X'],
    ['a break at the end, which trimming does not hide', '路演\r\n'],
    ['a break at the start', '\n路演'],
  ])('should refuse %s with VALIDATION_FAILED and a field detail', async (_name, title) => {
    const error = await refusal({ title });

    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.getStatus()).toBe(400);
    expect(error.details).toEqual([
      {
        field: 'title',
        code: IS_SINGLE_LINE,
        message: 'title must be a single line: line breaks are not allowed',
      },
    ]);
  });

  it('should trim spaces, keep tabs and strip other control characters, like CleanText', async () => {
    expect(await accept({ title: ' \u3000科技\u0000金融\t沙龙 \u00a0' })).toEqual({
      title: '科技金融\t沙龙',
    });
  });

  it('should leave a missing, null or non-string value to the other rules', async () => {
    expect(await accept({ title: 'x', venue: null })).toEqual({ title: 'x', venue: null });
    const error = await refusal({ title: 42 });
    expect(error.details).toEqual([expect.objectContaining({ field: 'title', code: 'isString' })]);
  });
});

describe(oneLine.name, () => {
  it('should turn every run of line breaks into one space', () => {
    expect(oneLine('a\r\nb\n\nc\u2028d\u0085e\u2029f\vg\fh')).toBe('a b c d e f g h');
    expect(oneLine('one line')).toBe('one line');
  });
});

describe(normalizeLineBreaks.name, () => {
  it('should make each break one LF, CRLF counting as one', () => {
    expect(normalizeLineBreaks('a\r\nb\rc\u2028d\u0085e\n\nf')).toBe('a\nb\nc\nd\ne\n\nf');
  });
});
