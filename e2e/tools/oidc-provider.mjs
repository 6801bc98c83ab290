// A real OpenID provider for the tests (npm `oidc-provider`, a certified implementation), in the
// role of a MitID broker: its test accounts carry a CPR number and a name, under the claim names
// NemLog-in uses. In its default, conformant configuration it gives them from the userinfo
// endpoint, not in the ID token; with --claims-in-id-token it puts them in the ID token, as some
// brokers do. The login page is the package's development form (any password); consent is given
// for tilslut up front, as a broker does for a registered service.
// Each login states its assurance level in NemLog-in's `loa` claim (one account logs in at
// "Low"). A signing's reference text, sent as Signaturgruppen does (`idp_params`), is given back
// in the claim `mitid.reference_text`, as that broker echoes what MitID showed; with
// --altered-echo another text comes back, as if MitID had shown something else.
//
//   node e2e/tools/oidc-provider.mjs <port> <redirect-uri> [--claims-in-id-token] [--altered-echo]
//
// Prints `issuer <url>` once it listens; stops on SIGTERM.
import Provider from 'oidc-provider';

const [port = '0', redirectUri, ...flags] = process.argv.slice(2);
const claimsInIdToken = flags.includes('--claims-in-id-token');
const alteredEcho = flags.includes('--altered-echo');
if (!redirectUri) {
  console.error('usage: oidc-provider.mjs <port> <redirect-uri>');
  process.exit(2);
}

export const CPR_CLAIM = 'https://data.gov.dk/model/core/eid/cprNumber';
const LOA_CLAIM = 'https://data.gov.dk/concept/core/nsis/loa';
const ECHO_CLAIM = 'mitid.reference_text';
export const CLIENT = { id: 'tilslut', secret: 'tilslut-test-secret' };

// Fictitious people: the first two are in the demo register (server/src/seed.rs) by CPR number.
const accounts = {
  lars: { sub: 'b1f5e0c2-lars', name: 'Lars Nielsen', [CPR_CLAIM]: '1403701237', [LOA_CLAIM]: 'Substantial' },
  mette: { sub: '7a3d9e41-mette', name: 'Mette Jensen', [CPR_CLAIM]: '0105751118', [LOA_CLAIM]: 'Substantial' },
  ukendt: { sub: 'c0ffee00-ukendt', name: 'Ulla Ukendt', [CPR_CLAIM]: '0101011234', [LOA_CLAIM]: 'Substantial' },
  // Username and password only: below what the service needs.
  lav: { sub: 'c0ffee01-lav', name: 'Lis Lavniveau', [CPR_CLAIM]: '0202021234', [LOA_CLAIM]: 'Low' },
};

// The reference text each account's latest authorization request asked MitID to show.
const shown = new Map();
function remember(ctx, id) {
  const { route, params } = ctx.oidc ?? {};
  if (route !== 'authorization' && route !== 'resume') return;
  let text;
  try {
    text = JSON.parse(params.idp_params ?? '{}').mitid?.reference_text;
  } catch {
    text = undefined;
  }
  shown.set(id, alteredEcho && text ? Buffer.from('Tilslut en anden organisation').toString('base64') : text);
}

const { createServer } = await import('node:http');
const probe = createServer();
await new Promise((resolve) => probe.listen(Number(port), '127.0.0.1', resolve));
const actual = probe.address().port;
await new Promise((resolve) => probe.close(resolve));
const issuer = `http://localhost:${actual}`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: CLIENT.id,
    client_secret: CLIENT.secret,
    redirect_uris: [redirectUri],
    post_logout_redirect_uris: [new URL('/', redirectUri).href],
    response_types: ['code'],
    grant_types: ['authorization_code'],
  }],
  claims: { openid: ['sub'], profile: ['name'], mitid: [CPR_CLAIM, LOA_CLAIM, ECHO_CLAIM] },
  extraParams: ['idp_params'],
  scopes: ['openid', 'profile', 'mitid'],
  // Conformant (true, the default): with an access token issued, the scopes' claims are given by
  // the userinfo endpoint only. false: in the ID token as well.
  conformIdTokenClaims: !claimsInIdToken,
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  findAccount(ctx, id) {
    if (!accounts[id]) return undefined;
    remember(ctx, id);
    return { accountId: id, claims: () => ({ ...accounts[id], [ECHO_CLAIM]: shown.get(id) }) };
  },
  async loadExistingGrant(ctx) {
    const { Grant } = ctx.oidc.provider;
    const existing = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (existing) return Grant.find(existing);
    const grant = new Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile mitid');
    grant.addOIDCClaims([CPR_CLAIM, LOA_CLAIM, ECHO_CLAIM, 'name']);
    await grant.save();
    return grant;
  },
});
provider.proxy = false;
// On every loopback address: `localhost` may be ::1 or 127.0.0.1 to whoever asks.
const server = provider.listen(actual, () => console.log(`issuer ${issuer}`));
server.on('clientError', (error) => console.error(`oidc-provider: a request it could not read: ${error.code} ${error.message}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
