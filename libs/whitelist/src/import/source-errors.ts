/** The file cannot be read as what it claims to be; `reason` is safe to show. */
export class UnreadableFileError extends Error {
  constructor(
    readonly reason: string,
    readonly row?: number,
  ) {
    super(reason);
  }
}

/** The workbook unpacks to more than `limit` bytes: a zip bomb, or far more than a whitelist. */
export class WorkbookTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The workbook unpacks to more than ${limit} bytes.`);
  }
}
