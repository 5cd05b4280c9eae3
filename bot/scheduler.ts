/**
 * Scheduled jobs (node-cron). Each job is named, logs its own errors, stops with the bot, and
 * is written as "catch up to now": it does everything that became due by the bot's clock, so
 * that running it late (after downtime, or after the console moved the clock) is correct.
 */
import cron, { type ScheduledTask } from "node-cron";
import type { Clock } from "./clock.js";
import type { Logger } from "./logger.js";

/** A scheduled job. */
export interface Job {
  /** Short name used in logs (`expire-listings`). */
  name: string;
  /** When it runs, as a cron expression in the territory's time zone. */
  cron: string;
  /** Does what became due by `now`; must be idempotent. */
  run(now: number): void | Promise<void>;
}

/** Options of the scheduler. */
export interface SchedulerOptions {
  jobs: readonly Job[];
  clock: Clock;
  logger: Logger;
  /** IANA time zone of the cron expressions. */
  timeZone: string;
}

/** Runs the jobs on their schedules. */
export class Scheduler {
  private tasks: ScheduledTask[] = [];
  private readonly log: Logger;

  constructor(private readonly options: SchedulerOptions) {
    this.log = options.logger.child({ module: "scheduler" });
  }

  /** Schedules every job, and runs them all once to catch up with any downtime. */
  async start(): Promise<void> {
    for (const job of this.options.jobs) {
      if (!cron.validate(job.cron))
        throw new Error(`job ${job.name}: invalid cron expression "${job.cron}"`);
      const task = cron.schedule(job.cron, () => this.runJob(job), {
        name: job.name,
        timezone: this.options.timeZone,
        noOverlap: true,
      });
      this.tasks.push(task);
    }
    await this.runAll();
  }

  /** Runs every job now, one after the other (start-up catch-up, console `:time`). */
  async runAll(): Promise<void> {
    for (const job of this.options.jobs) await this.runJob(job);
  }

  /** Stops every schedule. */
  async stop(): Promise<void> {
    for (const task of this.tasks) {
      await task.stop();
      await task.destroy();
    }
    this.tasks = [];
  }

  private async runJob(job: Job): Promise<void> {
    const started = Date.now();
    try {
      await job.run(this.options.clock.now());
      this.log.debug({ job: job.name, ms: Date.now() - started }, "job done");
    } catch (error) {
      this.log.error({ err: error, job: job.name }, "job failed");
    }
  }
}
