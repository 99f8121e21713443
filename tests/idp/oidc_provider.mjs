// An OpenID Connect provider for tests (the npm package oidc-provider), over plain http on 127.0.0.1.
//
//   OIDC_PROVIDER_CONFIG='{"port": 0, "client_id": "...", "client_secret": "...", "redirect_uris": ["..."],
//     "token_endpoint_auth_method": "client_secret_post",
//     "accounts": [{"sub": "...", "email": "...", "email_verified": true, "name": "...", "given_name": "...",
//                   "family_name": "..."}]}' node tests/idp/oidc_provider.mjs
//
// The config may also be the first argument. Port 0 (or none) takes a free port; the issuer is
// http://127.0.0.1:<port> unless the config gives one. When it listens it prints one line of JSON on stdout:
// {"ready": true, "issuer": "...", "port": ...}, and nothing else on stdout afterwards.
//
// The login page has a field "Email" and a button "Sign in": typing an account's email signs in as that account.
// Consent is granted without asking. The claims (email, email_verified, name, given_name, family_name) are in the
// id_token as well as at the userinfo endpoint.

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

const config = JSON.parse(process.argv[2] ?? process.env.OIDC_PROVIDER_CONFIG ?? '{}');
const accounts = config.accounts ?? [];

const escape = (value) => String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (title, body) => `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)} - Test OpenID Provider</title></head>
<body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;

const loginPage = (uid, { error = '', email = '' } = {}) => page('Sign in', `
${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<p><label for="email">Email</label> <input id="email" name="email" type="email" autocomplete="username"
  value="${escape(email)}"></p>
<p><button type="submit">Sign in</button></p>
</form>
<p><a href="/interaction/${escape(uid)}/abort">Cancel</a></p>`);

function send(res, status, html) {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(html);
}

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

const server = createServer();
await new Promise((resolve) => { server.listen(config.port ?? 0, '127.0.0.1', resolve); });
const { port } = server.address();
const issuer = config.issuer ?? `http://127.0.0.1:${port}`;

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' };

const provider = new Provider(issuer, {
  clients: [{
    client_id: config.client_id,
    client_secret: config.client_secret,
    redirect_uris: config.redirect_uris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: config.token_endpoint_auth_method ?? 'client_secret_post',
    id_token_signed_response_alg: 'RS256',
  }],
  jwks: { keys: [jwk] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name'],
  },
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, sub) {
    const account = accounts.find((candidate) => candidate.sub === sub);
    if (!account) return undefined;
    return {
      accountId: sub,
      async claims() {
        return {
          sub,
          email: account.email,
          email_verified: account.email_verified ?? true,
          name: account.name,
          given_name: account.given_name,
          family_name: account.family_name,
        };
      },
    };
  },
  async renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = page('Error', `<p>${escape(out.error)}: ${escape(out.error_description)}</p>`);
  },
});

async function grantConsent(req, res) {
  const { prompt: { details }, grantId, session, params } = await provider.interactionDetails(req, res);
  const grant = grantId
    ? await provider.Grant.find(grantId)
    : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope.join(' '));
  if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims);
  if (details.missingResourceScopes) {
    for (const [indicator, scopes] of Object.entries(details.missingResourceScopes)) {
      grant.addResourceScope(indicator, scopes.join(' '));
    }
  }
  await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } },
    { mergeWithLastSubmission: true });
}

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return send(res, 400, page('Error', '<p>This sign-in has expired.</p>'));
  if (action === 'abort' && req.method === 'GET') {
    return provider.interactionFinished(req, res,
      { error: 'access_denied', error_description: 'End-User aborted interaction' },
      { mergeWithLastSubmission: false });
  }
  if (details.prompt.name === 'consent') return grantConsent(req, res);
  if (details.prompt.name !== 'login') return send(res, 501, page('Error', '<p>Not implemented.</p>'));
  if (action === undefined && req.method === 'GET') {
    return send(res, 200, loginPage(uid, { email: details.params.login_hint }));
  }
  if (action === 'login' && req.method === 'POST') {
    const email = ((await readForm(req)).get('email') ?? '').trim();
    const account = accounts.find((candidate) => candidate.email.toLowerCase() === email.toLowerCase());
    if (!account) return send(res, 200, loginPage(uid, { error: 'No account has that email.', email }));
    return provider.interactionFinished(req, res, { login: { accountId: account.sub } },
      { mergeWithLastSubmission: false });
  }
  return send(res, 405, page('Error', '<p>Method not allowed.</p>'));
}

const providerCallback = provider.callback();
server.on('request', (req, res) => {
  const match = /^\/interaction\/([^/?]+)(?:\/(login|abort))?(?:\?.*)?$/.exec(req.url);
  if (!match) return providerCallback(req, res);
  return interaction(req, res, match[1], match[2]).catch((error) => {
    console.error(error);
    if (!res.headersSent) send(res, 400, page('Error', `<p>${escape(error.message)}</p>`));
  });
});

for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => { server.close(); process.exit(0); });

process.stdout.write(`${JSON.stringify({ ready: true, issuer, port })}\n`);
