# -j / -p: exactly one JSON document on stdout, errors included.
$ cosy-load -j frobnicate
> {"error":"unknown command 'frobnicate'"}
? 2

$ cosy-load -j list
> []

$ cosy-load -p show nosuch
> {
>   "error": "no compound is pinned as 'nosuch' (an administrator loads it with: cosy-load load FILE name nosuch)"
> }
? 1

$ cosy-load -j run nosuch x=1
> {"error":"no compound is pinned as 'nosuch' (an administrator loads it with: cosy-load load FILE name nosuch)"}
? 1

$ cosy-load -j unload nosuch
> {"error":"no compound is pinned as 'nosuch'"}
? 1

$ cosy-load -j verify /nonexistent.bpf.o
> {"error":"/nonexistent.bpf.o: cannot open compound object: No such file or directory"}
? 1
