import { appendFileSync, existsSync, writeFileSync } from 'node:fs';

/** Something the api did that it must not: a 5xx, a wrong envelope, a write on refusal… */
export interface Finding {
  /** `METHOD /path`, or `socket <event>`. */
  operation: string;
  problem: string;
  /** How to send it again, readably. */
  request: string;
  status: number | string;
  response: string;
}

const DEFAULT_FILE = '/tmp/fuzz-findings.md';

/**
 * Findings of one run: each kind (operation, problem, status, error code) kept once, and
 * appended to a Markdown file as it comes (FUZZ_FINDINGS names another file).
 */
export class Findings {
  private readonly seen = new Map<string, Finding>();
  private readonly file = process.env.FUZZ_FINDINGS ?? DEFAULT_FILE;

  constructor(private readonly title: string) {}

  /** Every finding so far, one of each kind. */
  get all(): Finding[] {
    return [...this.seen.values()];
  }

  of(operation: string): Finding[] {
    return this.all.filter((finding) => finding.operation === operation);
  }

  add(finding: Finding, code = ''): void {
    const key = [finding.operation, finding.problem, finding.status, code].join('|');
    if (this.seen.has(key)) return;
    if (this.seen.size === 0) this.startSection();
    this.seen.set(key, finding);
    appendFileSync(
      this.file,
      [
        `### ${finding.operation}: ${finding.problem}`,
        '',
        `- status: ${finding.status}`,
        '- request:',
        '',
        fenced(finding.request),
        '- response:',
        '',
        fenced(finding.response),
        '',
      ].join('\n'),
    );
  }

  private startSection(): void {
    if (!existsSync(this.file)) writeFileSync(this.file, '# Fuzz findings\n\n');
    appendFileSync(this.file, `## ${this.title} (${new Date().toISOString()})\n\n`);
  }
}

function fenced(text: string): string {
  return ['```', text.replace(/```/g, '`\u200b``'), '```', ''].join('\n');
}
