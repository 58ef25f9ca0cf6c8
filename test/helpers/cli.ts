import { expect } from "chai";
import { CliError } from "../../tasks/api.js";

/** Runs `promise`, which must fail, and returns the CliError with its decoded refusal. */
export async function refusal(promise: Promise<unknown>): Promise<CliError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(CliError);
    return error as CliError;
  }
  expect.fail("expected a refusal");
}
