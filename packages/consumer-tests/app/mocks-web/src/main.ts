// Loads the Data Manager mocks as a browser app would for MSW's worker.
import { getAllMockHandlers } from "@sciclients/data-manager-client/mocks";

console.log(`mock handlers: ${getAllMockHandlers().length}`);
