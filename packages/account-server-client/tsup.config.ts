import { defineConfig } from "tsup";
import { clientBuild } from "../../tsup.client";

export default defineConfig(clientBuild(import.meta.dirname));
