/* global document, location */
/** Sends the code from the reset mail's link and the new password to users-permissions. */
const form = document.getElementById('reset');
const result = document.getElementById('result');
const code = new URLSearchParams(location.search).get('code');
if (!code) result.textContent = 'This page needs the link from the reset mail (…?code=…).';

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const fields = new FormData(form);
  const response = await fetch('/api/auth/reset-password', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      code,
      password: fields.get('password'),
      passwordConfirmation: fields.get('passwordConfirmation'),
    }),
  });
  const body = await response.json().catch(() => ({}));
  result.textContent = response.ok
    ? `Password changed for ${body.user ? body.user.email : 'the user'}: sign in with it at POST /api/auth/local.`
    : `Not changed: ${(body.error && body.error.message) || response.status}`;
});
