import { SetMetadata, applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiPublic, ApiRoles } from '../openapi/api-errors';
import type { AuthUser, Role } from './auth.types';

/** Metadata key set by {@link Public}. */
export const IS_PUBLIC_KEY = 'gx:isPublic';
/** Metadata key set by {@link Roles}. */
export const ROLES_KEY = 'gx:roles';

/** Let anonymous callers reach a route or a whole controller (and say in OpenAPI that it needs no token). */
export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(IS_PUBLIC_KEY, true), ApiPublic());

/** Restrict a route or controller to callers holding at least one of `roles` (403 FORBIDDEN otherwise). */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(ROLES_KEY, roles), ApiRoles(roles));

/** Parameter decorator giving the authenticated {@link AuthUser} (undefined on an anonymous public route). */
export const CurrentUser = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): AuthUser | undefined =>
    ctx.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>().user,
);
