// Route-handler code support (issue 5): hover, completion, diagnostics and
// quick fixes where a status is set or a route declared, found by parsing.
// The features live one per file; this module is their entry for the
// language service.
import { DIALECTS } from './dialects';

export { doCodeHover } from './hover';
export { doCodeComplete } from './completion';
export { validateCode } from './validation';
export { doCodeCodeActions } from './codeActions';
export { NO_PARSERS, type CodeParsers, type CodeParser } from './syntax';

/** Language ids of route-handler code the service understands. */
export const CODE_LANGUAGES: readonly string[] = Object.keys(DIALECTS);
