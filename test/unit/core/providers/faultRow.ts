import type { ProviderErrorReason } from '../../../../src/core/errors';
import type { Fault } from '../../../fakes/scenario';

/** One fault-matrix row that ends in an error, and what the vendor's adapter must report for it. */
export interface FaultRow {
  readonly row: string;
  readonly fault: Fault;
  readonly reason: ProviderErrorReason;
  /** HTTP status on the error; `undefined` for transport failures and errors after HTTP 200. */
  readonly status?: number;
  readonly providerCode?: string;
  readonly retryAfterMs?: number;
  readonly shouldRetry?: boolean;
  /** Answer text that must reach the caller before the failure. */
  readonly textBefore?: string;
}
