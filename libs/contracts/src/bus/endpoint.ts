import type { Principal, ServicePrincipal, UserPrincipal, UserRole } from '../principal.js';
import type { ServiceName } from '../services.js';

/** Who may call an endpoint: signed-in users of these roles (through the gateway), services. */
export interface Callers {
  readonly users?: readonly UserRole[];
  readonly services?: readonly ServiceName[];
}

/** The principal a handler of an endpoint with these callers receives. */
export type CallerOf<C extends Callers> =
  | (C extends { users: readonly (infer R extends UserRole)[] } ? UserPrincipal<R> : never)
  | (C extends { services: readonly ServiceName[] } ? ServicePrincipal : never);

/** The data of an endpoint that takes none: the platform accepts only `{}` for it. */
export class NoData {}

/**
 * A request/reply subject of one service: its subject, the class its data is validated against
 * before any handler runs, who may call it, and (as a type only) what it answers.
 */
export interface Endpoint<
  TRequest extends object = object,
  TReply = unknown,
  TCaller extends Principal = Principal,
> {
  readonly subject: string;
  readonly request: new () => TRequest;
  readonly callers: Callers;
  /** Never set: it carries the reply type to `BusClient.send` and `@Serve`. */
  readonly reply?: TReply;
  /** Never set: it carries the caller type to `@Serve`. */
  readonly caller?: TCaller;
}

// `any` only where a constraint must accept every endpoint, whatever its request class.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyEndpoint = Endpoint<any, unknown, Principal>;
export type RequestOf<E> =
  E extends Endpoint<infer TRequest, unknown, Principal> ? TRequest : never;
export type ReplyOf<E> = E extends Endpoint<object, infer TReply, Principal> ? TReply : never;
export type PrincipalOf<E> = E extends Endpoint<object, unknown, infer TCaller> ? TCaller : never;

/**
 * Declares an endpoint: `endpoint<Reply>()(subject, RequestClass, { users: ['customer'] })`.
 * The reply type is given, the request and caller types are inferred.
 */
export function endpoint<TReply>() {
  return <TRequest extends object, const C extends Callers>(
    subject: string,
    request: new () => TRequest,
    callers: C,
  ): Endpoint<TRequest, TReply, CallerOf<C>> => ({ subject, request, callers });
}
