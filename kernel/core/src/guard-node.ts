/**
 * Node only: installs os.freemem() as the free-memory probe of ./guard, so the default size limit is half the memory
 * that is free when a call is made. Loaded for its effect by the Node barrel (index.ts), never by base.ts.
 */
import { freemem } from "os";
import { setFreeMemoryProbe } from "./guard";

setFreeMemoryProbe(freemem);
