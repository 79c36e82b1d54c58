import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';

export interface TestMessageAccount {
  name?: string | null;
  email: string;
  host: string;
  port: number;
}

/**
 * Sends one short message from an account over a one-off (unpooled) connection:
 * used by "send a test message on save" and by the panel's "Send test mail".
 */
export const sendTestMessage = async (
  options: SMTPTransport.Options,
  account: TestMessageAccount,
  recipient: string,
  reason: string,
  /** Gives up (and closes the connection) when it aborts: the caller's deadline. */
  signal?: AbortSignal
): Promise<{ messageId: string; response: string }> => {
  const transport = nodemailer.createTransport(options);
  try {
    const info = await transport.sendMail({
      from: { name: account.name || account.email, address: account.email },
      to: recipient,
      subject: 'SMTP account check',
      text: `This test message was sent by Strapi ${reason} for the SMTP account ${account.email} (${account.host}:${account.port}).`,
      disableFileAccess: true,
      disableUrlAccess: true,
      ...(signal ? { signal } : {}),
    } as Parameters<typeof transport.sendMail>[0]);
    return { messageId: info.messageId, response: info.response };
  } finally {
    transport.close();
  }
};
