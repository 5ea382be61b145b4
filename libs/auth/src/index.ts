/**
 * Who calls: the roles and the principal a verified token's claims make, the API's token settings, and the
 * development key that signs tokens on embedded defaults. Shared by the API, which verifies tokens, and
 * `npm run token`, which signs them.
 */
export * from './principal';
export * from './dev-key';
export * from './auth.settings';
