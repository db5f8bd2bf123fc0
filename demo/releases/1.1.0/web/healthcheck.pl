#!/usr/bin/perl
# Container healthcheck: exit 0 when GET /health on the local server answers 200.
use strict;
use warnings;
use IO::Socket::INET;
my $s = IO::Socket::INET->new(PeerAddr => '127.0.0.1', PeerPort => 8080, Proto => 'tcp', Timeout => 3) or exit 1;
print $s "GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n";
my $status = <$s> // '';
exit($status =~ m{^HTTP/\S+ 200 } ? 0 : 1);
