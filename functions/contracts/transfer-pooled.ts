import { created, endpoint } from "../../lib/http/endpoint.js";
import { centsFromMoney } from "../../lib/domain/money.js";
import { transferPooled } from "../../lib/contracts/pooling.js";
import { poolTransferToWire } from "../../lib/contracts/wire.js";
import { poolTransferSchema } from "../../lib/schemas/contracts.js";

/**
 * The region's auditor moves realised value above this contract's obligation to another contract of
 * the same supplier in the region, where the policy allows pooling; refusals are 422 with a code.
 */
export const handler = endpoint(
  {
    route: "POST /v1/contracts/{contractId}/pool-transfers",
    audit: "contract.pool-transferred",
    roles: ["auditor"],
    body: poolTransferSchema,
    idempotent: true,
    problems: {
      422: [
        "pooling-not-allowed",
        "pool-same-contract",
        "pool-different-supplier",
        "pool-different-region",
        "contract-settled",
        "pool-amount",
        "pool-unknown-contract",
        "pool-above-surplus",
      ],
    },
    responses: async () => {
      const { poolTransferResponse } = await import("../../lib/schemas/responses/contracts.js");
      return { 201: poolTransferResponse };
    },
  },
  async ({ body, params, op }) => {
    const transfer = await transferPooled(op, params.contractId, {
      toContractId: body.toContractId,
      amountCents: centsFromMoney(body.amount),
      reason: body.reason,
    });
    return created(poolTransferToWire(transfer), `/v1/contracts/${params.contractId}/pool-transfers`);
  },
);
