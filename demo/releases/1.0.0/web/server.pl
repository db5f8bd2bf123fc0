#!/usr/bin/perl
# berth-demo web service: a small HTTP/1.0 server on port 8080 that keeps records in PostgreSQL
# (through psql) and one file per record under /data. It uses only modules of Debian's perl-base,
# so it runs on the official postgres:15 image and on the test bed's stand-in alike.
use strict;
use warnings;
use IO::Socket::INET;
use File::Path qw(make_path);
use File::Temp qw(tempfile);

my $VERSION        = '1.0.0';
my $CONFIG_FILE    = '/app/config/app.yaml';
my $CONFIG_VERSION = 1;
my $DATA_DIR       = '/data';
my $PORT           = 8080;

my %env = (
    title     => $ENV{APP_TITLE} // 'Berth demo',
    greeting  => $ENV{GREETING}  // 'Hello',
    log_level => $ENV{LOG_LEVEL} // 'info',
    db_host   => $ENV{DB_HOST}   // 'db',
    db_user   => $ENV{DB_USER}   // 'demo',
    db_name   => $ENV{DB_NAME}   // 'demo',
);
my %LEVELS = (debug => 0, info => 1, warn => 2);

sub logmsg {
    my ($level, $msg) = @_;
    return if ($LEVELS{$level} // 1) < ($LEVELS{$env{log_level}} // 1);
    my @t = gmtime;
    printf STDERR "%04d-%02d-%02dT%02d:%02d:%02dZ %-5s %s\n", $t[5] + 1900, $t[4] + 1, @t[3, 2, 1, 0], $level, $msg;
}

# config/app.yaml: flat "key: value" lines. The app refuses to start on another config version,
# because the file's meaning changes between versions.
sub read_config {
    open(my $fh, '<', $CONFIG_FILE)
        or die "cannot read $CONFIG_FILE ($!): the release's config folder must be mounted at /app/config\n";
    my %c;
    while (my $line = <$fh>) {
        next if $line =~ /^\s*(#|$)/;
        if ($line =~ /^([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.*?)\s*$/) {
            my ($k, $v) = ($1, $2);
            $v =~ s/^"(.*)"$/$1/ or $v =~ s/^'(.*)'$/$1/;
            $c{$k} = $v;
        }
    }
    close $fh;
    my $have = $c{version} // 'none';
    die "$CONFIG_FILE has config version $have but berth-demo $VERSION needs version $CONFIG_VERSION;"
        . " update the file from the release (see RELEASE-NOTES.md)\n"
        unless $have eq $CONFIG_VERSION;
    return \%c;
}

# Runs SQL through psql. Values go in as psql variables (:'name' in the SQL), never spliced into it.
sub psql {
    my ($sql, %vars) = @_;
    my ($fh, $file) = tempfile('berth-demo-XXXXXX', TMPDIR => 1, UNLINK => 0);
    print $fh $sql;
    close $fh;
    my @cmd = ('psql', '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1',
        '-h', $env{db_host}, '-U', $env{db_user}, '-d', $env{db_name});
    push @cmd, '-v', "$_=$vars{$_}" for sort keys %vars;
    push @cmd, '-f', $file;
    local $ENV{PGPASSWORD}       = $ENV{DB_PASSWORD} // '';
    local $ENV{PGCONNECT_TIMEOUT} = 5;
    open(my $out, '-|', @cmd) or die "cannot run psql: $!\n";
    my $result = do { local $/; <$out> } // '';
    close $out;
    my $rc = $? >> 8;
    unlink $file;
    die "psql failed with exit code $rc\n" if $rc;
    $result =~ s/\s+$//;
    return $result;
}

sub json_string {
    my ($s) = @_;
    $s =~ s/(["\\])/\\$1/g;
    $s =~ s/\n/\\n/g;
    $s =~ s/([\x00-\x1f])/sprintf('\\u%04x', ord $1)/ge;
    return qq("$s");
}

sub data_files {
    my @files;
    my @dirs = ('');
    while (defined(my $rel = shift @dirs)) {
        opendir(my $dh, "$DATA_DIR/$rel") or next;
        for my $name (sort grep { !/^\.\.?$/ } readdir $dh) {
            my $path = $rel eq '' ? $name : "$rel/$name";
            if (-d "$DATA_DIR/$path") { push @dirs, $path } else { push @files, $path }
        }
        closedir $dh;
    }
    return sort @files;
}

my $config = read_config();
my $max_length = $config->{max_record_length} // 200;

sub ensure_schema {
    for my $attempt (1 .. 30) {
        my $ok = eval {
            psql(<<'SQL');
CREATE TABLE IF NOT EXISTS records (
    id         bigserial PRIMARY KEY,
    body       text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
SQL
            1;
        };
        return if $ok;
        logmsg('warn', "database not ready (attempt $attempt): $@");
        sleep 1;
    }
    die "the database at $env{db_host} did not answer for 30 s; is the db service healthy?\n";
}

sub respond {
    my ($c, $status, $type, $body) = @_;
    my %reason = (200 => 'OK', 201 => 'Created', 400 => 'Bad Request', 404 => 'Not Found',
        413 => 'Payload Too Large', 500 => 'Internal Server Error', 503 => 'Service Unavailable');
    print $c "HTTP/1.0 $status " . ($reason{$status} // 'Status') . "\r\n"
        . "Content-Type: $type\r\nContent-Length: " . length($body) . "\r\nConnection: close\r\n\r\n" . $body;
}

sub json { my ($c, $status, $body) = @_; respond($c, $status, 'application/json', "$body\n") }

sub handle {
    my ($c) = @_;
    my $request = <$c> // return;
    my ($method, $path) = $request =~ m{^(\S+)\s+(\S+)} or return respond($c, 400, 'text/plain', "bad request\n");
    my $length = 0;
    while (my $h = <$c>) {
        last if $h =~ /^\r?\n$/;
        $length = $1 if $h =~ /^Content-Length:\s*(\d+)/i;
    }
    return json($c, 413, '{"error":"body too large"}') if $length > 65536;
    my $body = '';
    while (length($body) < $length) {
        my $n = read($c, $body, $length - length($body), length($body));
        last unless $n;
    }
    $path =~ s/\?.*//;
    logmsg('debug', "$method $path");

    if ($method eq 'GET' && $path eq '/health') {
        my $ok = eval { psql('SELECT 1') eq '1' };
        return $ok && -w $DATA_DIR
            ? json($c, 200, '{"status":"ok"}')
            : json($c, 503, '{"status":"unavailable","reason":' . json_string($@ || "$DATA_DIR not writable") . '}');
    }
    if ($method eq 'GET' && $path eq '/version') {
        return json($c, 200, sprintf('{"app":"berth-demo","version":"%s","title":%s,"config_version":%d}',
            $VERSION, json_string($env{title}), $config->{version}));
    }
    if ($method eq 'POST' && $path eq '/records') {
        $body =~ s/^\s+|\s+$//g;
        return json($c, 400, '{"error":"empty record"}') if $body eq '';
        return json($c, 400, qq({"error":"record longer than $max_length characters"})) if length($body) > $max_length;
        return json($c, 400, '{"error":"records are one line of printable text"}') if $body =~ /[\x00-\x1f]/;
        my $id = psql("INSERT INTO records (body) VALUES (:'body') RETURNING id;\n", body => $body);
        make_path("$DATA_DIR/records");
        open(my $fh, '>', "$DATA_DIR/records/$id.txt") or die "cannot write $DATA_DIR/records/$id.txt: $!\n";
        print $fh "$body\n";
        close $fh or die "cannot write $DATA_DIR/records/$id.txt: $!\n";
        logmsg('info', "record $id stored");
        return json($c, 201, qq({"id":$id}));
    }
    if ($method eq 'GET' && $path eq '/records') {
        return json($c, 200, psql(<<'SQL'));
SELECT coalesce(json_agg(r ORDER BY r.id), '[]') FROM (SELECT id, body, created_at FROM records) r;
SQL
    }
    if ($method eq 'GET' && $path eq '/files') {
        return json($c, 200, '[' . join(',', map { json_string($_) } data_files()) . ']');
    }
    if ($method eq 'GET' && $path eq '/') {
        my $motd = $config->{motd} // '';
        return respond($c, 200, 'text/html; charset=utf-8',
            "<!doctype html><title>$env{title}</title><h1>$env{title}</h1><p>$env{greeting}! $motd</p>\n"
            . "<p>berth-demo $VERSION. Try <code>GET /records</code>, <code>POST /records</code>, <code>GET /files</code>.</p>\n");
    }
    return json($c, 404, '{"error":"not found"}');
}

ensure_schema();
my $server = IO::Socket::INET->new(LocalAddr => '0.0.0.0', LocalPort => $PORT, Listen => 16, ReuseAddr => 1, Proto => 'tcp')
    or die "cannot listen on port $PORT: $!\n";
# PID 1 gets no default signal handlers: stop on the compose stop signal right away.
$SIG{TERM} = $SIG{INT} = sub { logmsg('info', 'stopping'); exit 0 };
$SIG{PIPE} = 'IGNORE';
logmsg('info', "berth-demo $VERSION listening on port $PORT (config version $config->{version})");
while (1) {
    my $c = $server->accept or next;
    eval {
        local $SIG{ALRM} = sub { die "client too slow\n" };
        alarm 10;
        handle($c);
        alarm 0;
        1;
    } or do {
        alarm 0;
        my $err = $@;
        logmsg('warn', "request failed: $err");
        eval { json($c, 500, '{"error":' . json_string($err) . '}') };
    };
    close $c;
}
