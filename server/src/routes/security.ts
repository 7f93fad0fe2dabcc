/** How clients prove who they are, for the OpenAPI document (Swagger UI's Authorize button). */
export const SECURITY_SCHEMES = {
  citizenToken: {
    type: 'http',
    scheme: 'bearer',
    description:
      'Token warga (warga_…) yang diterima saat membuat laporan / the citizen token returned when a report is created',
  },
  staffToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'Token petugas (petugas_…) dari POST /api/v1/auth/login / the staff token from sign-in',
  },
  staffSession: {
    type: 'apiKey',
    in: 'cookie',
    name: 'sigap_session',
    description: 'Cookie sesi petugas dari POST /api/v1/auth/login / the staff session cookie from sign-in',
  },
} as const;

type Requirement = Record<string, string[]>;

export const STAFF_SECURITY: Requirement[] = [{ staffToken: [] }, { staffSession: [] }];
export const CITIZEN_SECURITY: Requirement[] = [{ citizenToken: [] }];
/** The route answers anyone; a citizen token adds what belongs to its holder. */
export const OPTIONAL_CITIZEN_SECURITY: Requirement[] = [{}, { citizenToken: [] }];
