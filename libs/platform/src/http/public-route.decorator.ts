import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'tradematch:public-route';

/** Marks a route (or controller) the gateway's authentication guard lets through. */
export const PublicRoute = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);
