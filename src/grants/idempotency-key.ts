import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError } from '../common/problem';

const KEY = /^[\x21-\x7e]{1,128}$/;

/**
 * The optional `Idempotency-Key` header of a command: sent again, the engine answers with the first
 * event and writes nothing new.
 */
export const IdempotencyKey = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined => {
  const value = ctx.switchToHttp().getRequest<Request>().header('idempotency-key');
  if (value === undefined) return undefined;
  if (!KEY.test(value)) throw new DomainError(400, 'REQUEST.INVALID_IDEMPOTENCY_KEY', 'The Idempotency-Key header is 1-128 visible ASCII characters.');
  return value;
});
