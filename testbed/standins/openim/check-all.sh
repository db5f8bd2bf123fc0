#!/bin/sh
# Stand-in health check: the status page answers.
wget -q -O /dev/null http://127.0.0.1:18999/status
