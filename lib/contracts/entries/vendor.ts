/**
 * A purchase entry's vendor: the supplier organisation with the invoice's KvK number whose
 * social-enterprise evidence holds on the invoice date (lib/domain/impact/README.md, "Vendor
 * qualification"). The qualification stored with the entry is that evidence's kind.
 */
import { RuleViolation } from "../../domain/errors.js";
import { type SocialEnterpriseKind, socialEnterpriseValidOn } from "../../domain/impact/organisations.js";
import type { Organisation } from "../../orgs/organisations.js";

export async function qualifiedVendor(
  invoice: { vendorKvk: string; date: string },
  suppliersWithKvk: (kvk: string) => Promise<Organisation[]>,
  path: (field: string) => string,
): Promise<SocialEnterpriseKind> {
  const suppliers = await suppliersWithKvk(invoice.vendorKvk);
  const qualified = suppliers.find((s) => socialEnterpriseValidOn(s.socialEnterprise, invoice.date));
  if (qualified) return qualified.socialEnterprise!.kind;
  const expired = suppliers.find((s) => s.socialEnterprise);
  throw new RuleViolation(
    "vendor-not-qualified",
    "A social purchase is bought from a supplier registered as a social enterprise on the invoice date.",
    [
      {
        path: path("invoice.vendorKvk"),
        message:
          suppliers.length === 0
            ? `no supplier organisation has KvK number ${invoice.vendorKvk}`
            : expired
              ? `the vendor's social-enterprise evidence (${expired.socialEnterprise!.kind}) held until ${expired.socialEnterprise!.validUntil}, before the invoice date ${invoice.date}`
              : "the vendor's organisation records no social-enterprise evidence",
      },
    ],
  );
}
