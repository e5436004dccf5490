import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOperation, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role } from '../vocabulary';

export const IS_PUBLIC_KEY = 'techfin:isPublic';
export const ROLES_KEY = 'techfin:roles';

/**
 * Opens a route to anonymous callers. Every other route needs a valid access token; a caller
 * who sends one on a public route is still recognised.
 */
export function Public(): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(IS_PUBLIC_KEY, true), ApiOperation({ security: [] }));
}

/** Narrows a route (or a controller) to these roles; others get 403 FORBIDDEN. */
export function Roles(...roles: Role[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiUnauthorizedResponse({ description: 'No or bad access token.' }),
    ApiForbiddenResponse({ description: `Only for: ${roles.join(', ')}.` }),
  );
}
