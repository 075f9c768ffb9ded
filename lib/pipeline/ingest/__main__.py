"""python -m lib.pipeline.ingest REPORT.txt|REPORT.docx --out candidates.csv: propose a new report's figures."""
import sys

from lib.pipeline.ingest.extractor import main

sys.exit(main())
