// A real OpenID Connect provider (panva/oidc-provider) on loopback for the end-to-end tests.
// usage: node oidc-provider.mjs <config.json> [port]   (or OIDC_PROVIDER_PORT; 0 or absent picks a free port)
// Prints "oidc-provider listening on http://127.0.0.1:<port>" once it serves; that URL is the issuer.
// Exits when its standard input closes, so a test host that dies does not leave it running.
//
// The config file (written by OidcProviderProcess.cs):
// {
//   "claimNames": { "tenant": "ollystack_tenant", "role": "ollystack_role" },   (these by default)
//   "clients": [{ "clientId": "...", "clientSecret": "..." | null, "tokenEndpointAuthMethod": "client_secret_basic",
//                 "redirectUris": ["..."], "grantTypes": ["authorization_code"] }],
//   "users": [{ "id": "alice", "password": "...", "email": "...", "name": "...", "tenant": "acme", "role": "editor" }],
//   "apiResource": { "audience": "http://127.0.0.1:8080", "scopes": [] },      (optional)
//   "tokenLifetimeSeconds": 3600                                              (optional)
// }
// The tenant and role claims ride on the "openid" scope, so every ID token carries them, and the access token for
// the API resource is a JWT (RS256, signed with the keys published at /jwks) that carries them too.
import { createServer } from 'node:http';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Provider, { errors } from 'oidc-provider';

const [configPath, portArgument] = process.argv.slice(2);
if (!configPath) {
  console.error('usage: node oidc-provider.mjs <config.json> [port]');
  process.exit(2);
}
const config = JSON.parse(readFileSync(configPath, 'utf8'));
const port = Number(portArgument ?? process.env.OIDC_PROVIDER_PORT ?? 0);
const users = new Map(config.users.map((user) => [user.id, user]));

const server = createServer((req, res) => handle(req, res));
let handle = (_req, res) => {
  res.statusCode = 503;
  res.end();
};

// The issuer names the port, so the provider is made once the socket is bound (port 0 lets the OS choose one).
server.listen(port, '127.0.0.1', async () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, configuration());
  for (const event of ['server_error', 'authorization.error', 'grant.error', 'userinfo.error', 'end_session.error']) {
    provider.on(event, (_ctx, error) => console.error(`${event}: ${error.message} ${error.error_description ?? ''}`));
  }
  const oidc = provider.callback();
  handle = (req, res) => {
    const interaction = /^\/interaction\/([^/?]+)(\/login)?(?:\?|$)/.exec(req.url);
    if (!interaction) return oidc(req, res);
    const route = interaction[2] ? login : prompt;
    if (req.method !== (route === login ? 'POST' : 'GET')) {
      res.statusCode = 405;
      return res.end();
    }
    route(provider, req, res).catch((error) => {
      console.error(`interaction: ${error.stack}`);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  };
  // Static clients are validated on first use; done here, a bad client fails the start instead of a login.
  for (const { clientId } of config.clients) {
    try {
      await provider.Client.find(clientId);
    } catch (error) {
      console.error(`client ${clientId}: ${error.message}: ${error.error_description}`);
      process.exit(1);
    }
  }
  console.log(`oidc-provider listening on ${issuer}`);
});

process.stdin.on('end', () => process.exit(0));
process.stdin.resume();

function configuration() {
  const { tenant, role } = config.claimNames ?? { tenant: 'ollystack_tenant', role: 'ollystack_role' };
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const resource = config.apiResource;
  const lifetime = config.tokenLifetimeSeconds ?? 3600;
  return {
    clients: config.clients.map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret ?? undefined,
      token_endpoint_auth_method: client.clientSecret ? client.tokenEndpointAuthMethod ?? 'client_secret_basic' : 'none',
      redirect_uris: client.redirectUris,
      grant_types: client.grantTypes,
      response_types: client.grantTypes.includes('authorization_code') ? ['code'] : [],
    })),
    jwks: { keys: [{ ...signingKey, kid: 'e2e-rs256', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    // Explicit, so tests can make tokens expire; interaction, session and grant only need to outlive a test.
    ttl: {
      AccessToken: lifetime,
      IdToken: lifetime,
      RefreshToken: 86400,
      AuthorizationCode: 60,
      ClientCredentials: lifetime,
      Interaction: 600,
      Session: 86400,
      Grant: 86400,
    },
    responseTypes: ['code'],
    pkce: { required: () => true },
    scopes: ['openid', 'offline_access', 'profile', 'email'],
    claims: {
      openid: ['sub', tenant, role],
      profile: ['name', 'preferred_username'],
      email: ['email', 'email_verified'],
    },
    // Like most providers (and unlike the library's default), ID tokens from the code flow carry the claims of every
    // granted scope, not only those of "openid": relying parties need not call userinfo.
    conformIdTokenClaims: false,
    async findAccount(_ctx, id) {
      const user = users.get(id);
      if (!user) return undefined;
      return { accountId: id, claims: () => claimsOf(user) };
    },
    async extraTokenClaims(_ctx, token) {
      const user = token.accountId && users.get(token.accountId);
      if (!user) return undefined;
      return withoutEmpty({ [tenant]: user.tenant, [role]: user.role });
    },
    // A first-party test provider: every client that may refresh gets a refresh token, without the offline_access
    // consent dance.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // The API is the default audience (as in Auth0): a login that names no resource still yields a JWT for it.
        defaultResource: async (_ctx, _client, oneOf) => oneOf ?? resource?.audience,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, indicator) => {
          if (!resource || indicator !== resource.audience) throw new errors.InvalidTarget();
          return {
            scope: (resource.scopes ?? []).join(' '),
            audience: resource.audience,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
  };

  function claimsOf(user) {
    return withoutEmpty({
      sub: user.id,
      preferred_username: user.id,
      name: user.name,
      email: user.email,
      email_verified: user.email ? true : undefined,
      [tenant]: user.tenant,
      [role]: user.role,
    });
  }
}

function withoutEmpty(claims) {
  return Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined && value !== null));
}

// GET /interaction/<uid>: the login form, or, for a consent prompt, everything requested granted at once (all
// clients are first-party here).
async function prompt(provider, req, res) {
  const interaction = await provider.interactionDetails(req, res);
  if (interaction.prompt.name === 'login') return loginForm(res, interaction.uid);
  const { details } = interaction.prompt;
  const grant = interaction.grantId
    ? await provider.Grant.find(interaction.grantId)
    : new provider.Grant({ accountId: interaction.session.accountId, clientId: interaction.params.client_id });
  if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope.join(' '));
  if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(details.missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

// POST /interaction/<uid>/login: checks the password; a wrong one shows the form again with an error.
async function login(provider, req, res) {
  const interaction = await provider.interactionDetails(req, res);
  const form = new URLSearchParams(await body(req));
  const name = form.get('login') ?? '';
  const user = users.get(name) ?? config.users.find((candidate) => candidate.email === name);
  if (!user || user.password !== form.get('password')) {
    return loginForm(res, interaction.uid, name, 'Invalid login or password.');
  }
  await provider.interactionFinished(req, res, { login: { accountId: user.id } }, { mergeWithLastSubmission: false });
}

function loginForm(res, uid, login = '', error = '') {
  res.statusCode = 200;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(`<!DOCTYPE html>
<html><head><title>Sign in</title></head><body>
<h1>Sign in</h1>
${error ? `<p class="error">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<label>Login <input name="login" value="${escape(login)}" autofocus></label>
<label>Password <input name="password" type="password"></label>
<button type="submit">Sign in</button>
</form>
</body></html>
`);
}

function escape(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function body(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}
