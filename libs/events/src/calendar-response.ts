import type { Response } from 'express';

/**
 * Labels a successful answer as iCalendar. Set here rather than with @Header, which would also
 * label an error answer, whose JSON body must keep its own type.
 */
export function asCalendar(response: Response, text: string): string {
  response.setHeader('Content-Type', 'text/calendar; charset=utf-8');
  response.setHeader('Cache-Control', 'no-store');
  return text;
}
