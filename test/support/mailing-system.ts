import { overrideEnvironment } from './environment.js';
import { SmtpSink } from './smtp-sink.js';
import { TestSystem } from './system.js';

export interface MailingSystem {
  system: TestSystem;
  smtp: SmtpSink;
  /** Stops the apps and the SMTP server, and puts the environment back. */
  stop(): Promise<void>;
}

/** The whole system, its email going to an SMTP server of the suite's own. */
export async function startMailingSystem(
  environment: Record<string, string> = {},
): Promise<MailingSystem> {
  const smtp = await SmtpSink.start();
  const restoreEnvironment = overrideEnvironment({ ...environment, SMTP_URL: smtp.url });
  const system = await TestSystem.start();
  return {
    system,
    smtp,
    async stop() {
      await system.stop();
      await smtp.stop();
      restoreEnvironment();
    },
  };
}
