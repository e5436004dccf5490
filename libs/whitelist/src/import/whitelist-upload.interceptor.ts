import { unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '@app/core';
import {
  CallHandler,
  ExecutionContext,
  HttpException,
  Injectable,
  NestInterceptor,
  PayloadTooLargeException,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
import { finalize, Observable } from 'rxjs';
import { kindByName } from './file-kind';

export const MAX_IMPORT_FILE_BYTES = 20 * 1024 * 1024;

/**
 * Where uploads wait while they are imported (multer creates it); each is deleted when its
 * request ends.
 */
export const WHITELIST_UPLOAD_DIR = join(tmpdir(), 'techfin-whitelist-uploads');

const MultipartFile = FileInterceptor('file', {
  dest: WHITELIST_UPLOAD_DIR,
  limits: { fileSize: MAX_IMPORT_FILE_BYTES, files: 1, fields: 10, fieldSize: 1024 },
  // A name that is no .csv or .xlsx is refused before its bytes are stored.
  fileFilter: (_request, file, accept) =>
    kindByName(file.originalname)
      ? accept(null, true)
      : accept(new AppError('WHITELIST_FILE_TYPE'), false),
});

/**
 * Receives the `file` field onto disk (multer streams it there, up to 20 MB), answers with the
 * whitelist's codes for what multer refuses, and deletes the file when the request is done,
 * whatever happened in between (a pipe rejecting the id, a failed import, success).
 */
@Injectable()
export class WhitelistUploadInterceptor extends MultipartFile implements NestInterceptor {
  override async intercept(
    context: ExecutionContext,
    next: CallHandler,
  ): Promise<Observable<unknown>> {
    // multer sets req.file once the upload is stored.
    const request = context.switchToHttp().getRequest<Request & { file?: { path: string } }>();
    let handled: Observable<unknown>;
    try {
      handled = await super.intercept(context, next);
    } catch (error) {
      throw uploadError(error);
    }
    return handled.pipe(finalize(() => void removeUpload(request.file?.path)));
  }
}

function uploadError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  if (error instanceof PayloadTooLargeException) return new AppError('WHITELIST_FILE_TOO_LARGE');
  if (error instanceof HttpException && error.getStatus() === 400) {
    return new AppError('WHITELIST_FILE_REQUIRED', {
      message: 'Send one file in the multipart form field "file".',
    });
  }
  return error;
}

async function removeUpload(path: string | undefined): Promise<void> {
  if (!path) return;
  try {
    await unlink(path);
  } catch {
    // Already gone: nothing else deletes uploads, so this is a second attempt at most.
  }
}
