import cProfile, pstats, sys
from kg.ingest.reader import read_file
from kg.extract.pipeline import Extractor
ex = Extractor()
art = read_file(sys.argv[1])
cProfile.run("ex(art)", "/tmp/long/prof.out")
p = pstats.Stats("/tmp/long/prof.out"); p.sort_stats("cumulative").print_stats(45)
