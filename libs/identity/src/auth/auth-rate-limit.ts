import { SetMetadata } from '@nestjs/common';

export const AUTH_RATE_LIMITED_KEY = 'techfin:authRateLimited';

/** Puts a route under the stricter sign-in limit (AUTH_RATE_LIMIT per AUTH_RATE_WINDOW_SECONDS). */
export const AuthRateLimited = (): MethodDecorator => SetMetadata(AUTH_RATE_LIMITED_KEY, true);
