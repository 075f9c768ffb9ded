"""Where the numbers come from: snapshots on disk, the database over them, the questions, the caches."""
