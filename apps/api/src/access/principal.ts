// The principal moved to libs/auth (shared with apps/token). This re-export is kept only for
// contact-process/facts.controller.ts, which is being rewritten elsewhere; once it imports @app/auth, delete it.
export * from '@app/auth';
