package jts.fleet.controller;

public final class Main {
    public static void main(String[] args) {
        System.out.println("jts-fleet");
    }
}
