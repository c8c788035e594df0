/** What an allocation algorithm hands back, by index into the instance's arrays. */
export interface RawAllocation {
  /** Unit index allocated to each applicant, or -1. */
  readonly unitOf: Int32Array;
  /** Score of each applicant's allocated pair (unspecified when unallocated). */
  readonly scoreOf: Float64Array;
  readonly eligiblePairs: number;
}
