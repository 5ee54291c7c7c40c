import {
  CommonErrors,
  DomainError,
  isServiceName,
  isUserRole,
  publisherOf,
  type AnyEndpoint,
  type Principal,
  type PrincipalOf,
  type ReplyOf,
  type RequestOf,
  type UserPrincipal,
} from '#contracts';
import { MessagePattern } from '@nestjs/microservices';
import { validateInput } from './validate-input.js';

/** What a handler of an endpoint receives: a caller it allows, and data its class validated. */
export interface Received<E extends AnyEndpoint> {
  principal: PrincipalOf<E>;
  data: RequestOf<E>;
}

type ServedMethod<E extends AnyEndpoint> = (request: Received<E>) => Promise<ReplyOf<E>>;

/**
 * Serves an endpoint of the contracts: the method answers its subject, and before it runs the
 * caller is checked against the endpoint's callers (403 WRONG_ROLE) and the data against its
 * request class (400 VALIDATION_FAILED). The compiler checks the method's reply type.
 *
 * The caller check is sound only because NATS lets one user alone publish on the subject (the
 * generated server configuration): the gateway's for user endpoints, the named service's for a
 * service endpoint. An endpoint open to both, or to two services, would have to trust a
 * principal that any of them could forge, so it is refused here, when the class is defined.
 */
export function Serve<E extends AnyEndpoint>(endpoint: E) {
  publisherOf(endpoint.callers);
  return (
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<ServedMethod<E>>,
  ): TypedPropertyDescriptor<ServedMethod<E>> => {
    const handle = descriptor.value!;
    descriptor.value = async function (this: unknown, payload: unknown) {
      return handle.call(this, receive(endpoint, payload));
    } as ServedMethod<E>;
    MessagePattern(endpoint.subject)(target, key, descriptor);
    return descriptor;
  };
}

/** The bus payload `{ principal, data }` as its endpoint's handler may see it. */
export function receive<E extends AnyEndpoint>(endpoint: E, payload: unknown): Received<E> {
  const { principal, data } = (payload ?? {}) as { principal?: unknown; data?: unknown };
  const caller = authorise(endpoint, principal);
  return { principal: caller as PrincipalOf<E>, data: validateInput(endpoint.request, data ?? {}) };
}

function authorise(endpoint: AnyEndpoint, candidate: unknown): Principal {
  const principal = asPrincipal(candidate);
  const { users = [], services = [] } = endpoint.callers;
  const allowed =
    principal !== null &&
    (principal.role === 'service'
      ? services.includes(principal.service)
      : users.includes(principal.role));
  if (!principal || !allowed) {
    throw new DomainError(
      CommonErrors.WRONG_ROLE,
      403,
      `This action is only for: ${[...users, ...services].join(', ')}`,
    );
  }
  return principal;
}

function asPrincipal(value: unknown): Principal | null {
  if (typeof value !== 'object' || value === null) return null;
  const candidate = value as Record<string, unknown>;
  if (candidate.role === 'service') {
    const { service, on_behalf_of: onBehalfOf } = candidate;
    if (!isServiceName(service)) return null;
    if (onBehalfOf === undefined) return { role: 'service', service };
    const user = asUserPrincipal(onBehalfOf);
    return user ? { role: 'service', service, on_behalf_of: user } : null;
  }
  return asUserPrincipal(candidate);
}

function asUserPrincipal(value: unknown): UserPrincipal | null {
  if (typeof value !== 'object' || value === null) return null;
  const { userId, role } = value as Record<string, unknown>;
  if (typeof userId !== 'string' || userId.length === 0) return null;
  return isUserRole(role) ? { userId, role } : null;
}
