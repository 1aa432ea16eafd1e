import { App } from "aws-cdk-lib";
import { buildService } from "./service.js";

/** CDK entry (cdk.json): `npm run synth`, `npx cdk deploy --all -c stage=dev`. */
buildService(new App());
