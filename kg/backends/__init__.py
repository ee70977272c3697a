"""Store backends behind the seam in kg.store: embedded (memory, disk) and remote SPARQL."""
