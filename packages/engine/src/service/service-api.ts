/**
 * The interface a controller service provides, as a typed token (NiFi's service API interface,
 * e.g. `KafkaConnectionService`). A processor's `prop.service({ api })` names it; the engine
 * checks that the referenced service provides it, and the processor gets a `T`.
 */
export interface ServiceApi<T> {
  readonly name: string;
  /** Carries `T` for inference only; never set at runtime. */
  readonly __type?: T;
}

/** Declares a service API by name. */
export function serviceApi<T>(name: string): ServiceApi<T> {
  return { name };
}
